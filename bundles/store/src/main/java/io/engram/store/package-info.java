/**
 * The model store: the trained checkpoints kept under the data directory, listed, described and
 * deleted by name.
 */
@Version("0.1.0")
@Export
package io.engram.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
