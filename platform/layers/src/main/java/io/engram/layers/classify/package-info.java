/**
 * The metrics of a classifier that names one class per sequence: the confusion matrix, accuracy,
 * per-class precision, recall and F1 and their macro mean, written as CSV and as a PNG image.
 */
@Version("0.1.0")
@Export
package io.engram.layers.classify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
