import { instanceCall } from './instanceCall';

export const { description, execute } = instanceCall('enable', 'PUT', '/enabled', (id) => ({
	id: Number(id),
	disabled: false,
}));
