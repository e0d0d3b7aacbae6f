// Colombian public holidays for any year (Ley 51 de 1983), business days, and the time in Colombia.
// Deadlines (PQRS, authorizations, incapacities) count business days with it; "open now" reads it.
// Dates are "YYYY-MM-DD" strings; arithmetic is in UTC, so no machine time zone can shift a day.

const DAY_MS = 86_400_000;
const toDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const ymd = (year: number, month: number, day: number): string => fromDay(Date.UTC(year, month - 1, day) / DAY_MS);
/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(toDay(date) * DAY_MS).getUTCDay();

/** Easter Sunday (Gregorian computus, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

/** The next Monday, or the same day when it already is one (Ley 51 de 1983, "Ley Emiliani"). */
const toMonday = (date: string): string => fromDay(toDay(date) + ((8 - weekdayOf(date)) % 7));

export interface Holiday {
  date: string;
  name: string;
}

/** Every holiday of the year, in date order (two may fall on one day: both are listed). */
export function colombianHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1984 || year > 2200) throw new RangeError(`No holiday calendar for ${year} (Ley 51 de 1983 applies from 1984).`);
  const easter = toDay(easterSunday(year));
  const fixed: Holiday[] = [
    { date: ymd(year, 1, 1), name: "Año Nuevo" },
    { date: ymd(year, 5, 1), name: "Día del Trabajo" },
    { date: ymd(year, 7, 20), name: "Día de la Independencia" },
    { date: ymd(year, 8, 7), name: "Batalla de Boyacá" },
    { date: ymd(year, 12, 8), name: "Inmaculada Concepción" },
    { date: ymd(year, 12, 25), name: "Navidad" },
    { date: fromDay(easter - 3), name: "Jueves Santo" },
    { date: fromDay(easter - 2), name: "Viernes Santo" },
  ];
  const moved: Holiday[] = [
    { date: toMonday(ymd(year, 1, 6)), name: "Reyes Magos" },
    { date: toMonday(ymd(year, 3, 19)), name: "San José" },
    { date: toMonday(ymd(year, 6, 29)), name: "San Pedro y San Pablo" },
    { date: toMonday(ymd(year, 8, 15)), name: "Asunción de la Virgen" },
    { date: toMonday(ymd(year, 10, 12)), name: "Día de la Raza" },
    { date: toMonday(ymd(year, 11, 1)), name: "Todos los Santos" },
    { date: toMonday(ymd(year, 11, 11)), name: "Independencia de Cartagena" },
    // Easter Sunday + 43, + 64, + 71 days: already Mondays.
    { date: fromDay(easter + 43), name: "Ascensión del Señor" },
    { date: fromDay(easter + 64), name: "Corpus Christi" },
    { date: fromDay(easter + 71), name: "Sagrado Corazón" },
  ];
  return [...fixed, ...moved].sort((x, y) => x.date.localeCompare(y.date));
}

const holidaySets = new Map<number, Set<string>>();

export function isHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4));
  let set = holidaySets.get(year);
  if (!set) holidaySets.set(year, (set = new Set(colombianHolidays(year).map((holiday) => holiday.date))));
  return set.has(date);
}

/** Monday to Friday and not a holiday. */
export const isBusinessDay = (date: string): boolean => {
  const weekday = weekdayOf(date);
  return weekday !== 0 && weekday !== 6 && !isHoliday(date);
};

/** The date `days` business days after `date` (the day itself not counted): a legal deadline. */
export function addBusinessDays(date: string, days: number): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError("days must be a whole number of at least 0");
  let day = toDay(date);
  for (let left = days; left > 0; ) {
    day += 1;
    if (isBusinessDay(fromDay(day))) left -= 1;
  }
  return fromDay(day);
}

/** Colombia keeps UTC−5 all year (no daylight saving). */
const COLOMBIA_OFFSET_MS = -5 * 3_600_000;

/** A moment as Colombia reads it: its date, weekday, minutes since midnight, and whether it is a holiday. */
export function colombiaClock(at: Date = new Date()): { date: string; weekday: number; minutes: number; holiday: boolean } {
  const local = new Date(at.getTime() + COLOMBIA_OFFSET_MS);
  const date = local.toISOString().slice(0, 10);
  return { date, weekday: local.getUTCDay(), minutes: local.getUTCHours() * 60 + local.getUTCMinutes(), holiday: isHoliday(date) };
}

/**
 * The moment `days` business days after `from`, at the same time of day in Colombia: a legal term in
 * business days (answer within 15 días hábiles) counted from a filing's Colombian date, skipping weekends
 * and holidays.
 */
export function addBusinessDaysFrom(from: Date, days: number): Date {
  const local = new Date(from.getTime() + COLOMBIA_OFFSET_MS);
  const later = addBusinessDays(local.toISOString().slice(0, 10), days);
  return new Date(Date.parse(`${later}T${local.toISOString().slice(11)}`) - COLOMBIA_OFFSET_MS);
}
