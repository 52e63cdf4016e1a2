// Handoff branding for the Camunda Welcome webapp.
export default {
  app: {
    name: 'Welcome',
    vendor: 'Handoff'
  },
  // No first-visit welcome/migration notice: Handoff runs Camunda 7 on purpose.
  disableWelcomeMessage: true,
  assignProcessInstanceIdToTaskComment: true
};
