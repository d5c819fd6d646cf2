/**
 * The CPU backend: the op vocabulary on host memory in f32 and f64, with a blocked, threaded
 * matrix product and fused recurrent-cell kernels.
 */
@Version("0.2.0")
@Export
package io.engram.backend.cpu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
