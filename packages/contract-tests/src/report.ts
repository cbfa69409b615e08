/** Where the tour writes its lines: stdout in the CLI, an array in tests. */
export type Print = (line: string) => void;

/** The tally of a tour: checks passed and failed, and what it could not check and why. */
export interface TourReport {
  passed: number;
  failed: number;
  skipped: string[];
  /** `N passed, M failed`: the closing line the CLI prints. */
  closingLine: string;
}

/** Counts checks as they finish and prints one line for each. */
export const createReport = (print: Print) => {
  let passed = 0;
  let failed = 0;
  const skipped: string[] = [];
  return {
    pass(name: string): void {
      passed += 1;
      print(`  ✓ ${name}`);
    },
    fail(name: string, problems: readonly string[]): void {
      failed += 1;
      print(`  ✗ ${name}`);
      for (const problem of problems) print(`      ${problem.replaceAll('\n', '\n      ')}`);
    },
    skip(name: string, reason: string): void {
      skipped.push(`${name}: ${reason}`);
      print(`  - skipped ${name}: ${reason}`);
    },
    section(title: string): void {
      print(title);
    },
    result(): TourReport {
      return { passed, failed, skipped, closingLine: `${passed} passed, ${failed} failed` };
    },
  };
};

export type Report = ReturnType<typeof createReport>;
