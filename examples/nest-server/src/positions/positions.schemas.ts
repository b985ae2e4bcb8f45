// The bodies and the path parameter of the position endpoints are part of the wire contract.
export {
  type AddPosition,
  addPositionSchema,
  positionIdSchema,
  type UpdatePosition,
  updatePositionSchema,
} from '../contract/positions.js';
