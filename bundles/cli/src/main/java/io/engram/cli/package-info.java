/**
 * The contract between the {@code engram} launcher and the verb services inside the framework:
 * {@link io.engram.cli.VerbCall}, the map a verb receives, its property name and exit statuses.
 * Bundles other than the CLI bridge register verbs against it.
 */
@Version("0.1.0")
@Export
package io.engram.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
