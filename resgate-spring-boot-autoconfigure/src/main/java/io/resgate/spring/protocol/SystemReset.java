package io.resgate.spring.protocol;

import java.util.List;

/**
 * A {@code system.reset} event: the resources to fetch again and those whose access to check again.
 * Invalid patterns are left out.
 *
 * @param resources the patterns of the resources to fetch again
 * @param access the patterns of the resources whose access to check again
 */
public record SystemReset(List<ResourcePattern> resources, List<ResourcePattern> access) {
}
