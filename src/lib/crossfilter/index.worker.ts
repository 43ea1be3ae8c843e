import { buildEventIndex, type IndexInput } from './event-index';
import { buffersOf } from './index-thread';

// A thin wrapper: the build is the same pure function the unit tests run in Node.
self.onmessage = (event: MessageEvent<IndexInput>) => {
	const index = buildEventIndex(event.data);
	self.postMessage(index, { transfer: buffersOf(index) });
};
