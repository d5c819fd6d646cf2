/**
 * Tensors, shapes and dtypes, and the Backend SPI: the op vocabulary that every network family is
 * written against and that every accelerator backend implements on its own memory.
 */
@Version("0.2.0")
@Export
package io.engram.tensor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
