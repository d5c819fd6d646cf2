/**
 * The services the kernel provides to the rest of the platform (shell, HTTP API, launcher): the
 * plugin registry, the job manager and job spec parsing.
 */
@Version("0.5.0")
@Export
package io.engram.kernel;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
