import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends a run with one plain line, "tests: N passed, N failed, N skipped", that any CI can read
 * whatever test runner it knows. Unhandled errors count as failures.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let failedInModule = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedInModule += 1;
        else skipped += 1;
      }
      // A file whose set-up or tear-down failed has no failed test of its own: count the file.
      failed += module.state() === 'failed' ? Math.max(failedInModule, 1) : failedInModule;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
