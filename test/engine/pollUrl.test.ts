import { PollUrlError, findPollUrlProblems, renderPollUrl } from '../../nodes/engine/pollUrl';

const since = new Date('2024-03-05T14:00:58.123Z');

describe('renderPollUrl', () => {
	test('the ShareFile template: quotes and colons stay inside the variable; the value is query-encoded', () => {
		const template = "/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'";
		expect(renderPollUrl(template, since)).toBe(
			"/hubs/documents/events/poll/documents?where=lastmodifieddate='2024-03-05T14%3A00%3A58Z'",
		);
	});

	test('date is the server zone, GMT', () => {
		expect(renderPollUrl('?from=${date:yyyy-MM-dd HH:mm:ss z}', since)).toBe('?from=2024-03-05%2014%3A00%3A58%20GMT');
	});

	test('dateTimeZone renders in a Java zone, including ids with colons', () => {
		expect(renderPollUrl('?t=${dateTimeZone:America/New_York:yyyy-MM-dd HH:mm zzz}', since)).toBe('?t=2024-03-05%2009%3A00%20EST');
		expect(renderPollUrl('?t=${dateTimeZone:GMT+05:30:HH:mm XXX}', since)).toBe('?t=19%3A30%20%2B05%3A30');
		expect(renderPollUrl('?t=${dateTimeZone:GMT+05:HH:mm}', since)).toBe('?t=19%3A00');
		expect(renderPollUrl('?t=${dateTimeZone:EST:HH:mm}', since)).toBe('?t=09%3A00');
	});

	test('epoch in ms, s and us', () => {
		expect(renderPollUrl('?a=${epoch}&b=${epoch:s}&c=${epoch:us}', since)).toBe('?a=1709647258123&b=1709647258&c=1709647258123000');
		expect(renderPollUrl('?s=${epoch:s}', new Date(-1500))).toBe('?s=-2');
	});

	test('values are encoded as query components (encodeURIComponent) in the query and fragment', () => {
		const text = "EEE, d MMM yyyy '+&=/?#%'";
		expect(renderPollUrl('/x?q=${gmtDate:' + text + '}', since)).toBe(
			'/x?q=' + encodeURIComponent("Tue, 5 Mar 2024 +&=/?#%"),
		);
		expect(renderPollUrl('/x#${gmtDate:HH:mm}', since)).toBe('/x#14%3A00');
	});

	test('in the path a value is one segment: / and spaces are encoded, : @ + , ; = $ & are not', () => {
		expect(renderPollUrl("/since/${gmtDate:yyyy/MM/dd HH:mm '@+,;=$&'}/items?x=1", since)).toBe(
			'/since/2024%2F03%2F05%2014:00%20@+,;=$&/items?x=1',
		);
	});

	test('the rest of the template is left as written', () => {
		expect(renderPollUrl("/a b/c?where=x = 'y' and t > '${epoch:s}'&$top=5", since)).toBe(
			"/a b/c?where=x = 'y' and t > '1709647258'&$top=5",
		);
		expect(renderPollUrl('/no/variables?x=$y', since)).toBe('/no/variables?x=$y');
	});

	test('a ? inside a variable does not start the query', () => {
		expect(renderPollUrl("/p/${gmtDate:'?'HH}/q", since)).toBe('/p/%3F14/q');
	});

	test('an unknown variable is refused, naming it', () => {
		expect(() => renderPollUrl('?x=${lastPoll:yyyy}', since)).toThrow(PollUrlError);
		expect(() => renderPollUrl('?x=${lastPoll:yyyy}', since)).toThrow('unknown variable "${lastPoll:yyyy}"');
	});

	test('an invalid date is refused', () => {
		expect(() => renderPollUrl('?x=${epoch}', new Date(NaN))).toThrow(PollUrlError);
	});
});

describe('findPollUrlProblems', () => {
	test('a good template has none', () => {
		expect(
			findPollUrlProblems(
				"/hubs/documents/events/poll/documents?where=lastmodifieddate='${gmtDate:yyyy-MM-dd'T'HH:mm:ss'Z'}'&a=${epoch}&b=${dateTimeZone:Asia/Kolkata:yyyy}",
			),
		).toEqual([]);
	});

	test.each([
		['?x=${foo}', 'unknown variable "${foo}"'],
		['?x=${}', 'unknown variable "${}"'],
		['?x=${gmtDate}', 'variable "${gmtDate}" needs a Java date pattern'],
		['?x=${date:}', 'variable "${date:}" needs a Java date pattern'],
		['?x=${gmtDate:yyyy-MM-ddTHH}', "illegal pattern letter 'T' at position 10"],
		["?x=${gmtDate:yyyy-MM-dd'T}", 'unterminated quote'],
		['?x=${dateTimeZone:Mars/Base:yyyy}', 'needs a known Java time zone id'],
		['?x=${dateTimeZone:yyyy}', 'needs a known Java time zone id'],
		['?x=${dateTimeZone:GMT:}', 'needs a Java date pattern after the zone'],
		['?x=${epoch:ms}', 'unknown epoch unit "ms"'],
		['?x=${gmtDate:yyyy', 'has no closing "}"'],
	])('%s', (template, problem) => {
		const problems = findPollUrlProblems(template);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain(problem);
		expect(() => renderPollUrl(template, since)).toThrow(PollUrlError);
	});

	test('every problem is reported', () => {
		expect(findPollUrlProblems('?a=${foo}&b=${gmtDate:q}&c=${epoch:x}')).toHaveLength(3);
	});
});
