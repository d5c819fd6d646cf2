/**
 * Building blocks the network families and applications share: seeded initialisers, dropout,
 * parameter stores, activations, the linear readout, the common schema entries, a stack of
 * recurrent layers, the node stack of the tree families, and a runner that collects a network's
 * outputs over a dataset.
 */
@Version("0.2.0")
@Export
package io.engram.layers;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
