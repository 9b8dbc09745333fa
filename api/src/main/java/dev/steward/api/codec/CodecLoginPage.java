package dev.steward.api.codec;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the codec sign-in page, a static page under {@code static/codec/}, at {@code /codec/}: an
 * engineer signs in there before opening the Temporal UI, whose payloads then decode.
 */
@Configuration(proxyBeanMethods = false)
class CodecLoginPage implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/codec", "/codec/");
    registry.addViewController("/codec/").setViewName("forward:/codec/index.html");
  }
}
