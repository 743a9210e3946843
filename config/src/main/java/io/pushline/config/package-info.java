/**
 * Typed, validated configuration: property files overridable by system properties, and reference data files.
 */
package io.pushline.config;
