/**
 * The RES protocol's values, in the specification's words: resource IDs, values, errors, subjects,
 * resource name patterns, pre-responses and the JSON codec. Pure functions, no Spring and no I/O;
 * shared by the gateway and the service side.
 */
package io.resgate.spring.protocol;
