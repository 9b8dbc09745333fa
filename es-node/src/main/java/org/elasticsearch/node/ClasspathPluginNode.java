package org.elasticsearch.node;

import java.util.Collection;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.MockPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * An Elasticsearch node whose plugins are classes on the classpath rather than bundles under {@code
 * <path.home>/modules} and {@code plugins}.
 *
 * <p>It lives in Elasticsearch's own package because {@link NodeConstruction#prepareConstruction}
 * and {@link NodeServiceProvider} are package-private; the test framework's {@code MockNode} does
 * the same. It runs only on the class path of the child JVM, never as a named module.
 */
public class ClasspathPluginNode extends Node {

  public ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
    super(
        NodeConstruction.prepareConstruction(
            environment,
            null,
            new NodeServiceProvider() {
              @Override
              PluginsService newPluginService(Environment env, PluginsLoader unused) {
                return new MockPluginsService(env.settings(), env, plugins);
              }
            },
            true));
  }
}
