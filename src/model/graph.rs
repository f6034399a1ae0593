//! Strongly connected components of a directed graph given by index pairs, found iteratively
//! (Tarjan's algorithm with an explicit stack) so a 200,000-deep chain cannot overflow the stack.
//! Validation uses it to report dependency loops; the scheduler uses it to refuse them.

/// Returns every strongly connected component with more than one node, each sorted, in order of
/// their smallest node. Self-loops are not components here: callers report them on their own.
pub fn cycles(node_count: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    // Adjacency in compressed form: successors of node n are targets[offsets[n]..offsets[n + 1]].
    let mut offsets = vec![0usize; node_count + 1];
    for &(from, _) in edges {
        offsets[from + 1] += 1;
    }
    for n in 0..node_count {
        offsets[n + 1] += offsets[n];
    }
    let mut fill = offsets.clone();
    let mut targets = vec![0usize; edges.len()];
    for &(from, to) in edges {
        targets[fill[from]] = to;
        fill[from] += 1;
    }

    const UNVISITED: usize = usize::MAX;
    let mut index_of = vec![UNVISITED; node_count];
    let mut low_link = vec![0usize; node_count];
    let mut on_stack = vec![false; node_count];
    let mut component_stack: Vec<usize> = Vec::new();
    // Each frame: (node, position of the next successor to look at).
    let mut call_stack: Vec<(usize, usize)> = Vec::new();
    let mut next_index = 0usize;
    let mut components = Vec::new();

    for root in 0..node_count {
        if index_of[root] != UNVISITED {
            continue;
        }
        call_stack.push((root, offsets[root]));
        index_of[root] = next_index;
        low_link[root] = next_index;
        next_index += 1;
        component_stack.push(root);
        on_stack[root] = true;

        while let Some(&mut (node, ref mut cursor)) = call_stack.last_mut() {
            if *cursor < offsets[node + 1] {
                let successor = targets[*cursor];
                *cursor += 1;
                if index_of[successor] == UNVISITED {
                    index_of[successor] = next_index;
                    low_link[successor] = next_index;
                    next_index += 1;
                    component_stack.push(successor);
                    on_stack[successor] = true;
                    call_stack.push((successor, offsets[successor]));
                } else if on_stack[successor] {
                    low_link[node] = low_link[node].min(index_of[successor]);
                }
                continue;
            }
            call_stack.pop();
            if let Some(&(parent, _)) = call_stack.last() {
                low_link[parent] = low_link[parent].min(low_link[node]);
            }
            if low_link[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = component_stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort_unstable();
                    components.push(component);
                }
            }
        }
    }
    components.sort_by_key(|component| component[0]);
    components
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_loop_and_ignores_acyclic_parts() {
        // 0 -> 1 -> 2 -> 0 is a loop, 3 -> 4 -> 3 another, 5 hangs off and 6 is alone.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 3), (4, 5)];
        assert_eq!(cycles(7, &edges), vec![vec![0, 1, 2], vec![3, 4]]);
        assert!(cycles(3, &[(0, 1), (1, 2), (0, 2)]).is_empty());
        assert!(cycles(0, &[]).is_empty());
    }

    #[test]
    fn a_deep_chain_closed_into_a_loop_does_not_overflow() {
        let n = 200_000;
        let mut edges: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        assert!(cycles(n, &edges).is_empty());
        edges.push((n - 1, 0));
        let found = cycles(n, &edges);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
