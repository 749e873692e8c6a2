// The part of papaparse's API that shared/roster uses. DefinitelyTyped's @types/papaparse is not used
// because it references Node's types (`/// <reference types="node" />`, `import from "stream"`), which
// would undo shared/tsconfig.json's proof that shared/ depends on no Node globals.
declare module 'papaparse' {
  export interface ParseError {
    type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
    code: string;
    message: string;
    /** Index of the record (0-based) the error was found in, when known. */
    row?: number;
  }
  export interface ParseConfig {
    /** '' (the default) guesses among comma, tab, pipe, semicolon and the ASCII record/unit separators. */
    delimiter?: string;
    header?: false;
    skipEmptyLines?: boolean | 'greedy';
    dynamicTyping?: false;
  }
  export interface ParseResult {
    data: string[][];
    errors: ParseError[];
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean };
  }
  export function parse(input: string, config?: ParseConfig): ParseResult;
  const Papa: { parse: typeof parse };
  export default Papa;
}
