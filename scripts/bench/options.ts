// Command-line options the benchmarks share.

/** A whole-number option of at least `min`, or `fallback` when not given; a bad value ends the run with a message. */
export function intOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return value;
}
