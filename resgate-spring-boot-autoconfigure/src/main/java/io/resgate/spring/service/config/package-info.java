/**
 * Spring wiring of the service side: the bean post-processor that finds annotated resource components.
 */
package io.resgate.spring.service.config;
