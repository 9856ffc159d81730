/** Raised when text does not match a Java date pattern, or a pattern or zone cannot be used. */
export class JavaDateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'JavaDateError';
	}
}

/** A pattern SimpleDateFormat itself would refuse (it throws IllegalArgumentException). */
export class JavaDatePatternError extends JavaDateError {
	constructor(
		readonly pattern: string,
		readonly position: number,
		reason: string,
	) {
		super(`Invalid Java date pattern "${pattern}": ${reason}`);
		this.name = 'JavaDatePatternError';
	}
}
