// Handoff branding for the Camunda Tasklist webapp.
export default {
  app: {
    name: 'Tasklist',
    vendor: 'Handoff'
  },
  // No first-visit welcome/migration notice: Handoff runs Camunda 7 on purpose.
  disableWelcomeMessage: true,
  assignProcessInstanceIdToTaskComment: true
};
