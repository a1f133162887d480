package dev.zdm.spring.boot;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.MethodMetadata;

/**
 * Matches when the application declares no bean marked {@link ZdmTargetDataSource}, whether the
 * mark sits on a {@code @Bean} method or on a component class. Reads bean definitions only, so no
 * bean is created to decide.
 */
final class NoTargetDataSourceBean extends SpringBootCondition implements ConfigurationCondition {

  @Override
  public ConfigurationPhase getConfigurationPhase() {
    return ConfigurationPhase.REGISTER_BEAN;
  }

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
    for (String name : beanFactory.getBeanDefinitionNames()) {
      if (marked(beanFactory.getBeanDefinition(name))) {
        return ConditionOutcome.noMatch("bean '" + name + "' is marked @ZdmTargetDataSource");
      }
    }
    return ConditionOutcome.match("no bean is marked @ZdmTargetDataSource");
  }

  private static boolean marked(BeanDefinition definition) {
    if (!(definition instanceof AnnotatedBeanDefinition annotated)) {
      return false;
    }
    MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
    if (factoryMethod != null) {
      return factoryMethod.isAnnotated(ZdmTargetDataSource.class.getName());
    }
    return annotated.getMetadata().isAnnotated(ZdmTargetDataSource.class.getName());
  }
}
