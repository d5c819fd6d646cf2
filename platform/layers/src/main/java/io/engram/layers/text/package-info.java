/**
 * Reading delimited text: one line split into its fields, and a header's column found by name.
 */
@Version("0.1.0")
@Export
package io.engram.layers.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
