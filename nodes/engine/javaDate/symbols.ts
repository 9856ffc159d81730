/** DateFormatSymbols for Locale.US, as Java 17 has them (the fixtures check every name). */

export const ERAS: readonly string[] = ['BC', 'AD'];

export const MONTHS: readonly string[] = [
	'January', 'February', 'March', 'April', 'May', 'June',
	'July', 'August', 'September', 'October', 'November', 'December',
];

export const SHORT_MONTHS: readonly string[] = MONTHS.map((m) => m.slice(0, 3));

// Index 0 is unused so that index = Calendar.DAY_OF_WEEK (1 = Sunday), as in Java.
export const WEEKDAYS: readonly string[] = ['', 'Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const SHORT_WEEKDAYS: readonly string[] = WEEKDAYS.map((d) => d.slice(0, 3));

export const AM_PM: readonly string[] = ['AM', 'PM'];
