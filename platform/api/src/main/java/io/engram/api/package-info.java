/**
 * The plugin SPI: network families, networks, trainers, applications, datasets, losses, optimizers,
 * training events, model specs with hyperparameter schemas, and checkpoint metadata.
 */
@Version("0.2.0")
@Export
package io.engram.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
