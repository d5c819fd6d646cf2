/**
 * Finite-state automata and their extraction from trained recurrent networks: deterministic
 * automata with minimisation by partition refinement, and the extraction of Giles et al. (1992),
 * which quantises a network's state space and follows its transitions breadth-first from the start
 * state.
 */
@Version("0.1.0")
@Export
package io.engram.layers.automaton;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
