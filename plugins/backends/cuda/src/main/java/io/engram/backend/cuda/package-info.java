/**
 * The CUDA backend: the op vocabulary on an NVIDIA GPU through JCuda, for third parties that build
 * a backend instance themselves (tests, benchmarks); jobs find it as the {@code engram.backend=cuda}
 * service.
 */
@Version("0.1.0")
@Export
package io.engram.backend.cuda;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
