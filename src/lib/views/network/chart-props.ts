import type { NetworkNodeRow, NetworkRelationRow } from '$lib/db/queries/network';
import type { NetworkLink } from './graph';
import type { PlacedNode } from './layout';

/** What the network view hands either renderer: the SVG chart and the canvas take the same. */
export interface NetworkChartProps {
	nodes: NetworkNodeRow[];
	links: NetworkLink[];
	relations: NetworkRelationRow[];
	placed: Map<string, PlacedNode>;
	width: number;
	height: number;
	/** Starting transform that fits the layout into the frame. */
	fit: { x: number; y: number; k: number };
	fill: (node: NetworkNodeRow) => string;
	/** Ids to emphasise (a hovered event's actors, a focused actor's neighbourhood). */
	highlight: ReadonlySet<string> | undefined;
	focused: string | undefined;
	pinned: ReadonlySet<string>;
	onhover: (id: string | undefined, at?: { x: number; y: number }) => void;
	onfocusactor: (id: string | undefined) => void;
	onpin: (id: string, position: { x: number; y: number } | undefined) => void;
}
