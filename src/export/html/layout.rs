//! Node positions for the explorer: ForceAtlas2 (Jacomy et al., 2014) with Barnes–Hut
//! repulsion, run once at export time so the browser only draws.
//!
//! Everything is sequential and seeded by the node ids, so a document gets the same positions
//! whatever the thread count, and a node starts at the same place in every graph it is in.

use std::collections::{BTreeMap, VecDeque};

use crate::graph::GraphDocument;

/// Rounds of force simulation at most; the layout usually settles well before (the ISOT
/// sample's 737 nodes in 128 rounds, the seeds' 293 in 52).
const ITERATIONS: usize = 300;
/// The layout has settled, and the simulation stops, when over the last [`WINDOW`] rounds
/// nodes moved on average less than this fraction of the layout's width a round.
/// ForceAtlas2 never quite stops jittering, but from here on the picture no longer changes.
const SETTLED: f64 = 0.002;
/// Rounds over which the movement is averaged.
const WINDOW: usize = 10;
/// Repulsion strength (ForceAtlas2's scaling ratio for graphs past a hundred nodes).
const REPULSION: f64 = 10.0;
/// Pull towards the centre, growing with the distance (ForceAtlas2's "strong gravity"), so
/// that loosely attached nodes and disconnected components stay near the rest.
const GRAVITY: f64 = 1.0;
/// Barnes–Hut opening angle: a cell this many times smaller than its distance counts as one body.
const THETA: f64 = 1.2;
/// Positions are written in a box this many units wide, centred on 0.
const EXTENT: f64 = 1000.0;

/// The position of every node of `doc`, in `doc.nodes` order.
pub fn layout(doc: &GraphDocument) -> Vec<(f64, f64)> {
    let n = doc.nodes.len();
    let index = super::node_index(doc);
    // One spring per pair, stronger the more the pair's co-occurrence and statements add up
    // to, damped by a logarithm so that a hub's hundreds of windows do not swallow the rest.
    let mut springs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for edge in &doc.edges {
        let (Some(&a), Some(&b)) = (
            index.get(edge.source.as_str()),
            index.get(edge.target.as_str()),
        ) else {
            continue;
        };
        if a != b {
            *springs.entry((a.min(b), a.max(b))).or_default() += edge.count as f64;
        }
    }
    let springs: Vec<(usize, usize, f64)> = springs
        .into_iter()
        .map(|((a, b), count)| (a, b, 1.0 + count.ln()))
        .collect();
    let mut mass = vec![1.0; n];
    for &(a, b, _) in &springs {
        mass[a] += 1.0;
        mass[b] += 1.0;
    }
    let mut pos: Vec<(f64, f64)> = doc
        .nodes
        .iter()
        .map(|node| {
            let h = seed(&node.id);
            let spread = (n as f64).sqrt() * 10.0;
            (unit(h) * spread, unit(h.rotate_left(32)) * spread)
        })
        .collect();
    settle(&mut pos, &mass, &springs);
    normalise(&mut pos);
    pos
}

/// Runs the simulation on `pos` until it settles or for [`ITERATIONS`] rounds; returns the
/// rounds run.
fn settle(pos: &mut [(f64, f64)], mass: &[f64], springs: &[(usize, usize, f64)]) -> usize {
    let n = pos.len();
    let mut speed = Speed::default();
    let mut force = vec![(0.0, 0.0); n];
    let mut previous = vec![(0.0, 0.0); n];
    // The cells still to visit, kept from one node to the next rather than allocated for each.
    let mut stack = Vec::new();
    // How far nodes moved on average in each of the last rounds, relative to the width.
    let mut moves = VecDeque::with_capacity(WINDOW + 1);
    for round in 1..=ITERATIONS {
        std::mem::swap(&mut force, &mut previous);
        let tree = QuadTree::new(pos, mass);
        for i in 0..n {
            let (rx, ry) = tree.repulsion(i, pos, mass, &mut stack);
            let (x, y) = pos[i];
            force[i] = (rx - GRAVITY * mass[i] * x, ry - GRAVITY * mass[i] * y);
        }
        for &(a, b, w) in springs {
            // Linear attraction.
            let (dx, dy) = (pos[b].0 - pos[a].0, pos[b].1 - pos[a].1);
            force[a].0 += dx * w;
            force[a].1 += dy * w;
            force[b].0 -= dx * w;
            force[b].1 -= dy * w;
        }
        let moved = speed.step(pos, &force, &previous, mass);
        moves.push_back(moved / n.max(1) as f64 / square(pos).1);
        if moves.len() > WINDOW {
            moves.pop_front();
        }
        if moves.len() == WINDOW && moves.iter().sum::<f64>() < SETTLED * WINDOW as f64 {
            return round;
        }
    }
    ITERATIONS
}

/// ForceAtlas2's adaptive speed: each node moves less the more its force swings from one
/// round to the next, and the global speed rises while the whole graph is moving steadily.
#[derive(Debug)]
struct Speed {
    speed: f64,
    efficiency: f64,
}

impl Default for Speed {
    fn default() -> Speed {
        Speed {
            speed: 1.0,
            efficiency: 1.0,
        }
    }
}

impl Speed {
    /// Moves every node along its force; returns the distance they moved in all.
    fn step(
        &mut self,
        pos: &mut [(f64, f64)],
        force: &[(f64, f64)],
        previous: &[(f64, f64)],
        mass: &[f64],
    ) -> f64 {
        let n = pos.len() as f64;
        let swing = |i: usize| {
            let (dx, dy) = (force[i].0 - previous[i].0, force[i].1 - previous[i].1);
            mass[i] * (dx * dx + dy * dy).sqrt()
        };
        let (mut swinging, mut traction) = (0.0, 0.0);
        for i in 0..pos.len() {
            swinging += swing(i);
            let (sx, sy) = (force[i].0 + previous[i].0, force[i].1 + previous[i].1);
            traction += mass[i] * (sx * sx + sy * sy).sqrt() / 2.0;
        }
        if swinging <= 0.0 || traction <= 0.0 {
            return 0.0;
        }
        let estimated = 0.05 * n.sqrt();
        let mut jitter = estimated
            .sqrt()
            .max((estimated * traction / (n * n)).min(10.0));
        if swinging / traction > 2.0 {
            if self.efficiency > 0.05 {
                self.efficiency *= 0.5;
            }
            jitter = jitter.max(1.0);
        }
        let target = jitter * self.efficiency * traction / swinging;
        if swinging > jitter * traction {
            if self.efficiency > 0.05 {
                self.efficiency *= 0.7;
            }
        } else if self.speed < 1000.0 {
            self.efficiency *= 1.3;
        }
        self.speed += (target - self.speed).min(0.5 * self.speed);
        let mut moved = 0.0;
        for (i, p) in pos.iter_mut().enumerate() {
            let factor = self.speed / (1.0 + (self.speed * swing(i)).sqrt());
            p.0 += force[i].0 * factor;
            p.1 += force[i].1 * factor;
            moved += factor * (force[i].0 * force[i].0 + force[i].1 * force[i].1).sqrt();
        }
        moved
    }
}

/// The lowest corner and the side (never 0) of the smallest square holding every position.
fn square(pos: &[(f64, f64)]) -> ((f64, f64), f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in pos {
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    ((x0, y0), (x1 - x0).max(y1 - y0).max(1e-9))
}

/// Centres the positions and scales them into [`EXTENT`], rounded to a tenth so the file
/// stays short.
fn normalise(pos: &mut [(f64, f64)]) {
    if pos.is_empty() {
        return;
    }
    let n = pos.len() as f64;
    let cx = pos.iter().map(|p| p.0).sum::<f64>() / n;
    let cy = pos.iter().map(|p| p.1).sum::<f64>() / n;
    let reach = pos
        .iter()
        .map(|p| (p.0 - cx).abs().max((p.1 - cy).abs()))
        .fold(0.0, f64::max);
    let scale = if reach > 0.0 {
        EXTENT / 2.0 / reach
    } else {
        0.0
    };
    for p in pos {
        p.0 = ((p.0 - cx) * scale * 10.0).round() / 10.0;
        p.1 = ((p.1 - cy) * scale * 10.0).round() / 10.0;
    }
}

/// A 64-bit FNV-1a hash of an id, mixed by splitmix64: the node's starting point.
fn seed(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The low 32 bits of `h` as a number in [-1, 1).
fn unit(h: u64) -> f64 {
    (h & 0xffff_ffff) as f64 / f64::from(u32::MAX) * 2.0 - 1.0
}

/// A Barnes–Hut quadtree over the node positions, rebuilt every round.
struct QuadTree {
    cells: Vec<Cell>,
    /// Node indices, each leaf's a contiguous run.
    order: Vec<usize>,
}

struct Cell {
    /// Side of the square.
    size: f64,
    mass: f64,
    /// Centre of mass.
    x: f64,
    y: f64,
    /// The four sub-cells' indices, or none for a leaf.
    children: Option<[usize; 4]>,
    /// A leaf's nodes in [`QuadTree::order`].
    bodies: std::ops::Range<usize>,
}

/// Below this depth cells split; deeper, nodes at (nearly) the same place share a leaf.
const MAX_DEPTH: u32 = 24;

impl QuadTree {
    fn new(pos: &[(f64, f64)], mass: &[f64]) -> QuadTree {
        let mut tree = QuadTree {
            cells: Vec::with_capacity(pos.len() * 2),
            order: (0..pos.len()).collect(),
        };
        if pos.is_empty() {
            return tree;
        }
        let (corner, size) = square(pos);
        tree.build(0..pos.len(), corner, size, 0, pos, mass);
        tree
    }

    /// Adds the cell holding `order[range]`, a square of side `size` from `corner`; returns
    /// its index.
    fn build(
        &mut self,
        range: std::ops::Range<usize>,
        corner: (f64, f64),
        size: f64,
        depth: u32,
        pos: &[(f64, f64)],
        mass: &[f64],
    ) -> usize {
        let (mut m, mut x, mut y) = (0.0, 0.0, 0.0);
        for &i in &self.order[range.clone()] {
            m += mass[i];
            x += pos[i].0 * mass[i];
            y += pos[i].1 * mass[i];
        }
        let at = self.cells.len();
        self.cells.push(Cell {
            size,
            mass: m,
            x: x / m,
            y: y / m,
            children: None,
            bodies: range.clone(),
        });
        if range.len() <= 1 || depth >= MAX_DEPTH {
            return at;
        }
        let half = size / 2.0;
        let (mx, my) = (corner.0 + half, corner.1 + half);
        let quadrant = |i: usize| usize::from(pos[i].0 >= mx) + 2 * usize::from(pos[i].1 >= my);
        // Stable: nodes keep their relative order, so the tree is the same every time.
        self.order[range.clone()].sort_by_key(|&i| quadrant(i));
        let mut children = [0; 4];
        let mut start = range.start;
        for (q, child) in children.iter_mut().enumerate() {
            let end = start + self.order[start..range.end].partition_point(|&i| quadrant(i) == q);
            let corner = (
                corner.0 + half * (q % 2) as f64,
                corner.1 + half * (q / 2) as f64,
            );
            *child = self.build(start..end, corner, half, depth + 1, pos, mass);
            start = end;
        }
        self.cells[at].children = Some(children);
        at
    }

    /// The repulsion on node `i` from every other node, `REPULSION * m_i * m_j / d` each;
    /// `stack` is scratch space.
    fn repulsion(
        &self,
        i: usize,
        pos: &[(f64, f64)],
        mass: &[f64],
        stack: &mut Vec<usize>,
    ) -> (f64, f64) {
        let mut force = (0.0, 0.0);
        stack.clear();
        stack.push(0);
        let (px, py) = pos[i];
        let push = |mass_j: f64, x: f64, y: f64, force: &mut (f64, f64)| {
            let (dx, dy) = (px - x, py - y);
            let d2 = dx * dx + dy * dy;
            if d2 > 0.0 {
                let f = REPULSION * mass[i] * mass_j / d2;
                force.0 += dx * f;
                force.1 += dy * f;
            }
        };
        while let Some(c) = stack.pop() {
            let Some(cell) = self.cells.get(c) else {
                break;
            };
            if cell.bodies.is_empty() {
                continue;
            }
            let (dx, dy) = (px - cell.x, py - cell.y);
            let d = (dx * dx + dy * dy).sqrt();
            match cell.children {
                Some(children) if cell.size >= d * THETA => stack.extend(children),
                Some(_) => push(cell.mass, cell.x, cell.y, &mut force),
                None => {
                    for &j in &self.order[cell.bodies.clone()] {
                        if j != i {
                            push(mass[j], pos[j].0, pos[j].1, &mut force);
                        }
                    }
                }
            }
        }
        force
    }
}

#[cfg(test)]
mod tests;
