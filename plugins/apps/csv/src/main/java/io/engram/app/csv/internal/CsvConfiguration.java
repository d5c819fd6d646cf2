package io.engram.app.csv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Limits of the csv application, configuration PID {@code io.engram.app.csv}. */
@ObjectClassDefinition(name = "Engram CSV datasets", description = "Largest inputs the csv application reads.")
public @interface CsvConfiguration {

    @AttributeDefinition(name = "max.file.bytes", description = "Largest file read, in bytes.", min = "1")
    long max_file_bytes() default CsvLimits.FILE_BYTES;

    @AttributeDefinition(name = "max.columns", description = "Most columns a header may have.", min = "1")
    int max_columns() default CsvLimits.COLUMNS;

    @AttributeDefinition(name = "max.line.chars", description = "Longest line, in characters.", min = "1")
    int max_line_chars() default CsvLimits.LINE_CHARS;

    @AttributeDefinition(name = "max.sequence.steps", description = "Most steps of one sequence.", min = "1")
    int max_sequence_steps() default CsvLimits.SEQUENCE_STEPS;
}
