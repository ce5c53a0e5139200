/** Running a pipeline command: bad data ends it with the DataError's message (file, record, rule) and exit 1. */
import { DataError } from '../../src/lib/data/data-error';

/** Runs `main`; a DataError is reported as `data error: …` and exits 1, anything else is thrown as is. */
export function runReportingDataErrors(main: () => void): void {
  try {
    main();
  } catch (error) {
    if (error instanceof DataError) {
      console.error(`data error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
