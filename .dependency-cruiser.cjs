// Import rules of the whole repository, checked by `npm run lint:circles` (scripts/check-circles.sh).
// Type-only imports count (tsPreCompilationDeps): a circle of types still ties the modules
// together (one cannot be understood, moved or tested without the other), and `import type`
// would otherwise be an easy way to hide a real knot.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'This import closes a circle. Break it: move the shared part down a layer, or pass the dependency in (see ARCHITECTURE.md, composition root).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'packages/domain holds pure rules: it imports no other package of Retour and nothing from apps.',
      from: { path: '(^|/)packages/domain/' },
      to: { path: '(^|/)(apps|packages/(contracts|db|documents|integrations))/' },
    },
    {
      name: 'use-cases-never-import-jobs',
      severity: 'error',
      comment:
        'Use cases do not know the job runner or its handlers: they enqueue outbox jobs and call ctx.jobs.runNow(); jobs are registered in apps/server/src/composition.ts.',
      from: { path: '(^|/)apps/server/src/use-cases/' },
      to: { path: '(^|/)apps/server/src/jobs/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import cannot be resolved, so the checker cannot see past it.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
