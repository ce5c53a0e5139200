/** The text of an error report a person can copy into a message: version, address, time, the error. */

/** How many lines of the stack the report keeps. */
export const STACK_LINES = 6;

export interface ReportContext {
  version: string;
  url: string;
  time: Date;
  userAgent: string;
}

export function errorReport(message: string, stack: string | undefined, context: ReportContext): string {
  // A V8 stack repeats the message on its first line; the frames are what is new.
  const frames = (stack ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !message.includes(line) && line !== message)
    .slice(0, STACK_LINES);
  return [
    `Qingdao Plan Map ${context.version}`,
    `URL: ${context.url}`,
    `Time: ${context.time.toISOString()}`,
    `Browser: ${context.userAgent}`,
    `Message: ${message}`,
    ...frames.map((line) => `  ${line}`)
  ].join('\n');
}
