export const ClientPortal = () => <p>Your homework will appear here</p>;
