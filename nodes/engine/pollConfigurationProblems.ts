import { compileJavaDatePattern, isKnownJavaTimeZone } from './javaDate';
import { findPollUrlProblems } from './pollUrl';
import { hasSwappedShareFileDates, type PollerConfiguration } from './pollResource';

/** A finding about a poll configuration, phrased for the person who filled the form in. */
export interface ConfigurationProblem {
	/** The field as the user sees it, e.g. `Poll Resources › documents › ID Field`. */
	field: string;
	message: string;
	severity: 'error' | 'warning';
}

const DATE_ROLES = [
	['updated', 'Updated Date'],
	['created', 'Created Date'],
] as const;

function checkPattern(pattern: string): string | undefined {
	try {
		compileJavaDatePattern(pattern);
		return undefined;
	} catch (error) {
		return (error as Error).message;
	}
}

function checkNumber(
	value: number | undefined,
	minimum: number,
	field: string,
	fix: string,
	problems: ConfigurationProblem[],
) {
	if (value === undefined) return;
	if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
		problems.push({ field, message: `${field} is ${String(value)}; ${fix}`, severity: 'error' });
	}
}

/**
 * Checks a poller configuration before anything is sent, so that Cloud Elements is never left
 * with a configuration that silently reports nothing.
 */
export function findPollConfigurationProblems(
	configuration: PollerConfiguration,
): ConfigurationProblem[] {
	const problems: ConfigurationProblem[] = [];
	const names = Object.keys(configuration);
	if (names.length === 0) {
		problems.push({
			field: 'Poll Resources',
			message: 'Polling needs at least one resource to poll; add one (e.g. documents)',
			severity: 'error',
		});
	}
	for (const name of names) {
		const resource = configuration[name] ?? ({} as PollerConfiguration[string]);
		const at = (label: string) => `Poll Resources › ${name || '(unnamed)'} › ${label}`;
		if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
			problems.push({
				field: at('Resource Name'),
				message: `Resource name "${name}" must be letters, digits, '.', '_' or '-': it becomes each event's object type`,
				severity: 'error',
			});
		}
		if (!resource.url || !String(resource.url).trim()) {
			problems.push({
				field: at('URL'),
				message: `${at('URL')} is empty; enter the hub path to poll, e.g. ${"/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'"}`,
				severity: 'error',
			});
		} else {
			if (!String(resource.url).startsWith('/hubs/')) {
				problems.push({
					field: at('URL'),
					message: `${at('URL')} must be a hub path starting with /hubs/ (got "${resource.url}")`,
					severity: 'error',
				});
			}
			for (const message of findPollUrlProblems(String(resource.url))) {
				problems.push({ field: at('URL'), message: `${at('URL')}: ${message}`, severity: 'error' });
			}
		}
		if (!resource.idField || !String(resource.idField).trim()) {
			problems.push({
				field: at('ID Field'),
				message: `${at('ID Field')} is empty; enter the record field that identifies an item (Id for ShareFile)`,
				severity: 'error',
			});
		}
		const dates = resource.datesConfiguration ?? {};
		for (const [role, label] of DATE_ROLES) {
			const field = dates[`${role}DateField`];
			const format = dates[`${role}DateFormat`];
			const zone = dates[`${role}DateTimezone`];
			if (field && !format) {
				problems.push({
					field: at(`${label} Format`),
					message: `${at(`${label} Format`)} is empty; enter the Java date pattern of ${field}, e.g. yyyy-MM-dd'T'HH:mm:ss.SSS'Z'`,
					severity: 'error',
				});
			}
			if (format) {
				const patternProblem = checkPattern(format);
				if (patternProblem) {
					problems.push({
						field: at(`${label} Format`),
						message: `${at(`${label} Format`)}: ${patternProblem}`,
						severity: 'error',
					});
				}
			}
			if (zone && !isKnownJavaTimeZone(zone)) {
				problems.push({
					field: at(`${label} Time Zone`),
					message: `${at(`${label} Time Zone`)} "${zone}" is not a time zone Java knows (it would silently become GMT); use e.g. GMT, UTC, America/New_York or GMT+05:30`,
					severity: 'error',
				});
			}
		}
		if (!dates.updatedDateField && !dates.createdDateField) {
			problems.push({
				field: at('Updated Date Field'),
				message: `${at('Updated Date Field')} and ${at('Created Date Field')} are both empty; name at least one date field (ProgenyEditDate for ShareFile)`,
				severity: 'error',
			});
		}
		checkNumber(resource.pageSize, 1, at('Page Size'), 'use a whole number of 1 or more', problems);
		checkNumber(resource.pollDelay, 0, at('Poll Delay'), 'use 0 or more seconds', problems);
		checkNumber(
			resource.createdCheckTolerance,
			0,
			at('Created Check Tolerance'),
			'use 0 or more seconds',
			problems,
		);
		if (hasSwappedShareFileDates(dates)) {
			problems.push({
				field: at('Updated Date Field'),
				message: `${at('Updated Date Field')} is CreationDate and the created field is ProgenyEditDate, as in an old documentation example: edits of existing files will never be reported. Swap them (updated = ProgenyEditDate, created = CreationDate) unless that is what you want.`,
				severity: 'warning',
			});
		}
	}
	return problems;
}

/** `event.poller.refresh_interval` is in whole minutes, one at the least. */
export function findRefreshIntervalProblem(minutes: unknown): ConfigurationProblem | undefined {
	const value = Number(minutes);
	if (!Number.isInteger(value) || value < 1) {
		return {
			field: 'Refresh Interval (Minutes)',
			message: `Refresh Interval (Minutes) is ${String(minutes)}; Cloud Elements polls at most once a minute, so use a whole number of 1 or more`,
			severity: 'error',
		};
	}
	return undefined;
}
