// @ts-check
// Builds DOM nodes from data without ever parsing it as HTML: names and messages come from the
// sandbox and from the user, so they always go in as text.

/**
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined | null>} [attributes] false, null and undefined leave the attribute out
 * @param {...(Node | string | number | null | undefined | false)} children
 */
export function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === false || value === null || value === undefined) continue;
		element.setAttribute(name, value === true ? '' : String(value));
	}
	for (const child of children) {
		if (child === null || child === undefined || child === false) continue;
		element.append(typeof child === 'object' ? child : document.createTextNode(String(child)));
	}
	return element;
}
