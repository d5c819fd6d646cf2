/**
 * Automatic differentiation over the op vocabulary: reverse mode on a define-by-run tape (BPTT) and
 * forward mode with stacked tangents (RTRL), each an implementation of {@code Ops}.
 */
@Version("0.2.0")
@Export
package io.engram.autodiff;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
