import { colombiaClock } from "@sos/kit";
import type { ClinicDoc } from "./ips.model.js";

/**
 * Whether a clinic is open at a moment, in Colombian time: on a holiday its holiday hours count (none:
 * closed), otherwise its hours for that weekday. Spans are [opens, closes) in minutes since midnight.
 */
export function isOpenAt(clinic: Pick<ClinicDoc, "openingHours" | "holidayHours">, at: Date): boolean {
  const { weekday, minutes, holiday } = colombiaClock(at);
  const spans = holiday ? clinic.holidayHours : clinic.openingHours.filter((span) => span.weekday === weekday);
  return spans.some((span) => minutes >= span.opens && minutes < span.closes);
}

export const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
