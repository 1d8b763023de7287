// heic-decode 2.1.0 ships no types: the one call Retour makes (README "Usage").
declare module 'heic-decode' {
  function decode(input: { buffer: Uint8Array | ArrayBuffer }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>;
  export default decode;
}
