// A report that drives an embedded Leverwatch view as the reader scrolls (see DESIGN.md,
// "Messages"). A module in a file of its own: a strict Content-Security-Policy forbids inline
// scripts, and a module keeps its names out of the global scope.
const frame = document.getElementById('leverwatch');
const status = document.getElementById('embed-status');
const steps = [...document.querySelectorAll('.step[data-query]')];
const embedOrigin = new URL(frame.src, document.baseURI).origin;

/** The embed listens once it has started; it says so by posting its first height. */
let listening = false;
let wanted = null;
let sent = null;

function send(query) {
	wanted = query;
	if (!listening || query === sent) return;
	sent = query;
	frame.contentWindow.postMessage({ type: 'leverwatch:set-state', query }, embedOrigin);
}

function plural(n, one, many) {
	return `${n} ${n === 1 ? one : many}`;
}

window.addEventListener('message', (event) => {
	// Only our own frame speaks to us; anything else on the page is ignored.
	if (event.source !== frame.contentWindow || event.origin !== embedOrigin) return;
	const data = event.data;
	if (typeof data !== 'object' || data === null) return;
	if (data.type === 'leverwatch:height' && Number.isFinite(data.height)) {
		frame.style.height = `${Math.min(4000, Math.max(200, data.height))}px`;
		if (!listening) {
			listening = true;
			if (wanted !== null) send(wanted);
		}
	} else if (data.type === 'leverwatch:state' && data.counts) {
		const { events, actors } = data.counts;
		status.textContent = `The embed shows ${plural(events, 'event', 'events')} and ${plural(actors, 'actor', 'actors')}.`;
	}
});

let active = null;

function activate(step) {
	if (step === active) return;
	active?.classList.remove('active');
	step.classList.add('active');
	active = step;
	send(step.dataset.query);
}

// A step becomes active as it crosses the middle band of the window.
const observer = new IntersectionObserver(
	(entries) => {
		for (const entry of entries) if (entry.isIntersecting) activate(entry.target);
	},
	{ rootMargin: '-45% 0px -45% 0px' }
);
for (const step of steps) observer.observe(step);
