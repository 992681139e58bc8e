/** Type declarations for untyped packages the data functions use. */
declare module 'woothee' {
  export interface WootheeResult {
    name?: string;
    category?: string;
    os?: string;
    os_version?: string;
    version?: string;
    vendor?: string;
  }
  export function parse(userAgent: string): WootheeResult;
  const woothee: { parse: typeof parse };
  export default woothee;
}
