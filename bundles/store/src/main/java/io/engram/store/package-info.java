/**
 * The model store: trained models kept by name and version under the model directory, each with its
 * metadata and checksum, aliases that point at versions, and the plain checkpoint files kept there
 * before; listed, described, resolved, uploaded and deleted.
 */
@Version("0.2.0")
@Export
package io.engram.store;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
