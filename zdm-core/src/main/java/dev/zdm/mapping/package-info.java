/**
 * How a table's rows change on their way from the source to the target: renamed, dropped and
 * computed columns ({@link dev.zdm.mapping.TableMapping}), and the rows themselves ({@link
 * dev.zdm.mapping.Row}). Engine-neutral: values are plain Java objects, never JDBC types.
 */
package dev.zdm.mapping;
