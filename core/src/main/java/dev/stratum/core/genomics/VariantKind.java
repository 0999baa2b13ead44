package dev.stratum.core.genomics;

/** Kinds of somatic or germline alteration a variant record can carry. */
public enum VariantKind {
  SNV,
  INDEL,
  AMPLIFICATION,
  DELETION,
  FUSION,
  OTHER
}
