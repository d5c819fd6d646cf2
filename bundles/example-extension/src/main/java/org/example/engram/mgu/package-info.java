/**
 * The minimal gated unit family and its variants, as a third-party Engram plugin.
 */
@Version("1.0.0")
@Export
package org.example.engram.mgu;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
