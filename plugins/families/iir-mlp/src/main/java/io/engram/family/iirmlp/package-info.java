/**
 * The shape of a locally recurrent IIR-MLP network (layer sizes, filter orders, unit functions, and
 * the names and layouts of its parameters), for trainers that exploit its locality, such as causal
 * recursive backpropagation.
 */
@Version("0.1.0")
@Export
package io.engram.family.iirmlp;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
