// The entities of the subdistrict's daily Party-building work (communities, units, elections,
// guidance, buildings, lists, meetings, activities, wishes, centres, the alliance, relief).
export const WORK_ENTITIES: Array<new () => object> = [];
