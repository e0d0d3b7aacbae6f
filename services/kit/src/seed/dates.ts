// Calendar dates as "YYYY-MM-DD" strings, for synthetic data (UTC arithmetic, no time zone surprises).

export const DAY_MS = 86_400_000;
export const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const fromDayNumber = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);
export const addYears = (date: string, years: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
};
export const maxDate = (...dates: string[]): string => dates.reduce((a, b) => (a > b ? a : b));
export const minDate = (...dates: string[]): string => dates.reduce((a, b) => (a < b ? a : b));
/** 09:00 in Colombia on that day. */
export const instantOn = (date: string): Date => new Date(`${date}T14:00:00.000Z`);
