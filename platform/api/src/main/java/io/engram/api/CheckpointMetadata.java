package io.engram.api;

/**
 * What a checkpoint says about itself, besides its tensors.
 *
 * @param formatVersion  version of the checkpoint file format
 * @param familyBundle   symbolic name of the family bundle that wrote it
 * @param familyVersion  version of that bundle
 * @param spec           the model spec the network was built from
 * @param provenance     seed, data and bundles
 */
public record CheckpointMetadata(int formatVersion, String familyBundle, String familyVersion, ModelSpec spec,
                                 Provenance provenance) {
}
