// Types of heap-flags.mjs (plain JavaScript: the launcher runs before any TypeScript loader).
export declare const MIN_MEMORY_MB: number;
export declare function heapFlagsFor(value: string): { flags: string[]; error?: undefined } | { flags?: undefined; error: string };
export declare function missingFlags(wanted: string[], given: string[]): string[];
