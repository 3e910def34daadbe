/**
 * The names Strong, Hevy and FitNotes use for library movements that the general rules
 * (library-match.ts: the library's names and aliases, spelling, equipment) do not reach: built by
 * going through every distinct exercise name of the real exports in shared/import-samples, plus a
 * few catalogue names of the same apps. Matching reads them as it reads any name (case, accents,
 * punctuation, word order and spelling aside), so `Squat (Barbell)` also covers `barbell squat`.
 *
 * A name is here only when it truly is that movement, with the same equipment, position and grip
 * as the library exercise. Left out on purpose (they become custom exercises): other grips and
 * stances (`Seated Cable Row - Bar Grip`, `Lat Pulldown - Wide Grip`), single-arm versions,
 * assisted and band-assisted pull-ups and dips (the weight is help, not load, and no tracking
 * kind records help), other implements (`Goblet Squat (Kettlebell)`, `Preacher Curl (Machine)`),
 * ambiguous names (`Triceps Extension` and `Triceps Extension (Cable)`, a pushdown to some and an
 * overhead extension to others; `Dumbbell Row`, one arm or two; `Leg Curl`, `Cable Row`,
 * `Treadmill`, `Machine Calf Raise`) and the machines a user named by brand to keep apart
 * (`Leg Press Keller`, `Decline Hammer Strength Chest Press`).
 *
 * Each group names the library exercise by id and by name; the index refuses a pair that
 * disagree, so a typo cannot silently point a name at another movement.
 */
export interface AppNameGroup { id: string, name: string, names: string[] }

export const APP_NAMES: AppNameGroup[] = [
  // Barbell
  // Strong's and Hevy's plain squat is the back squat: front, Smith and machine squats are named so
  {
    id: '01a19467-e800-7c13-9326-f94c310fe63c',
    name: 'Barbell Back Squat',
    names: ['Squat (Barbell)', 'Barbell Squat', 'Low Bar Squat (Barbell)', 'High Bar Squat (Barbell)']
  },
  // unqualified, as the library reads a plain "Bench Press" as the barbell one
  { id: '01a19467-e803-7d29-b6b6-768292e066b3', name: 'Incline Barbell Bench Press', names: ['Incline Bench Press'] },
  // FitNotes' Deadlift is the conventional barbell one
  { id: '01a19467-e805-7759-8524-57000e8f3146', name: 'Barbell Deadlift', names: ['Deadlift'] },
  // the library counts the stiff-leg deadlift as this movement (its alias)
  {
    id: '01a19467-e806-7a30-ac94-62d354614b14',
    name: 'Romanian Deadlift',
    names: ['Straight Leg Deadlift', 'Stiff-Legged Deadlift', 'Stiff Leg Deadlift (Barbell)']
  },
  // FitNotes' Overhead Press is the barbell one; Military Press is a library alias
  {
    id: '01a19467-e807-736b-93a2-1418e1e0c4c3',
    name: 'Barbell Overhead Press',
    names: ['Overhead Press', 'Strict Military Press (Barbell)']
  },
  { id: '01a19467-e808-77fc-b7eb-1b1333ac2ffb', name: 'Barbell Bent-Over Row', names: ['Barbell Row'] },
  { id: '01a19467-e80b-7a75-a0ee-7f30663fdbe1', name: 'Barbell Curl', names: ['Bicep Curl (Barbell)'] },
  { id: '01a19467-e80d-7798-9004-1ce0aea88b39', name: 'EZ-Bar Curl', names: ['EZ Bar Biceps Curl'] },
  // the library already calls a plain lying triceps extension this
  { id: '01a19467-e80f-77ae-becd-87607651734e', name: 'EZ-Bar Skull Crusher', names: ['Skull Crushers'] },
  // Dumbbell
  {
    id: '01a19467-e827-7e0e-955b-f7e3106f231e',
    name: 'Dumbbell Romanian Deadlift',
    names: ['Stiff Leg Deadlift (Dumbbell)', 'Straight Leg Deadlift (Dumbbell)']
  },
  { id: '01a19467-e818-723e-8f70-dbbd271ec81e', name: 'Dumbbell Bench Press', names: ['Flat Dumbbell Bench Press'] },
  // FitNotes' Seated Dumbbell Press (Shoulders); Dumbbell Overhead Press is a library alias
  {
    id: '01a19467-e81a-76ff-8384-541a067f1215',
    name: 'Seated Dumbbell Shoulder Press',
    names: ['Seated Dumbbell Press', 'Seated Overhead Press (Dumbbell)', 'Shoulder Press (Dumbbell)']
  },
  {
    id: '01a19467-e81c-7ebc-a77e-149e73ce949f',
    name: 'One-Arm Dumbbell Row',
    names: ['Bent Over One Arm Row (Dumbbell)']
  },
  {
    id: '01a19467-e81d-72cc-8b6d-025cb1e86142',
    name: 'Dumbbell Biceps Curl',
    names: ['Dumbbell Curl', 'Standing Dumbbell Curl']
  },
  { id: '01a19467-e81e-7425-b937-63dfeba07a84', name: 'Hammer Curl', names: ['Standing Hammer Curl'] },
  // an incline curl is seated
  {
    id: '01a19467-e81f-7c6c-b119-22f3998fbe62',
    name: 'Incline Dumbbell Curl',
    names: ['Seated Incline Curl (Dumbbell)', 'Seated Incline Dumbbell Curl']
  },
  {
    id: '01a19467-e822-7fd9-9cf6-f7ffb93dcc5b',
    name: 'Bent-Over Dumbbell Reverse Fly',
    names: ['Bent-Over Lateral Raise (Dumbbell)', 'Reverse Fly (Dumbbell)']
  },
  { id: '01a19467-e823-7722-bf0c-56c7cd02fa7b', name: 'Dumbbell Chest Fly', names: ['Flat Dumbbell Fly'] },
  // Cable
  // the library's pushdown takes a straight bar, a V-bar or a rope
  {
    id: '01a19467-e830-7da3-acc4-ce28b6c9c914',
    name: 'Cable Triceps Pushdown',
    names: [
      'Triceps Pushdown', 'Triceps Pushdown (Cable - Straight Bar)', 'Triceps Rope Pushdown', 'Tricep Pushdown (Rope)',
      'Tricep Rope Push Down', 'Rope Push Down', 'V-Bar Push Down', 'Triceps Pressdown'
    ]
  },
  {
    id: '01a19467-e831-7dd2-83fc-8f0f2ab7052d',
    name: 'Cable Overhead Triceps Extension',
    names: ['Cable Overhead (Extensión De Triceps)']
  },
  // the library's row uses a close-grip (V) handle; bar, wide and single-arm rows stay apart
  {
    id: '01a19467-e833-7f7b-840d-fc93e166fb87',
    name: 'Seated Cable Row',
    names: ['Seated Cable Row - V Grip (Cable)', 'V-Grip Seated Cable Row (Pulley)']
  },
  // a long bar held wide; Strong's plain `Bar Grip` row does not say how wide (left out)
  {
    id: '01a23ead-f3a3-70f9-8366-0626aa852d39',
    name: 'Wide-Grip Seated Cable Row',
    names: ['Seated Cable Row - Bar Wide Grip']
  },
  {
    id: '01a19467-e839-7a06-b00a-c99b067c8d43',
    name: 'Straight-Arm Cable Pulldown',
    names: ['Straight Arm Lat Pulldown (Cable)']
  },
  { id: '01a19467-e835-7fc1-a9e7-50f39ac65eb2', name: 'Cable Crossover', names: ['Cable Fly Crossovers'] },
  { id: '01a19467-e837-7821-b374-b195592d9bc2', name: 'Cable Biceps Curl', names: ['Cable Curl'] },
  // the library's cable lateral raise is the single-arm one
  {
    id: '01a19467-e838-71cc-98ee-247d10c99240',
    name: 'Cable Lateral Raise',
    names: ['Single Arm Lateral Raise (Cable)']
  },
  // Machines
  // a seated machine pressing forward on a fixed path, however it is loaded (not incline or decline)
  {
    id: '01a19467-e842-75e3-b994-acdafa8f8248',
    name: 'Machine Chest Press',
    names: ['Iso-Lateral Chest Press (Machine)', 'Horizontal Chest Press Machine']
  },
  // the library's machine shoulder press is seated
  {
    id: '01a19467-e845-7e30-a074-b0313e4a72e6',
    name: 'Machine Shoulder Press',
    names: ['Seated Shoulder Press (Machine)', 'Seated Machine Shoulder Press']
  },
  // handles or arm pads; Machine Fly is a library alias
  {
    id: '01a19467-e843-743d-a9c1-4e246bb9d579',
    name: 'Pec Deck Fly',
    names: ['Pec Deck (Machine)', 'Butterfly (Pec Deck)', 'Chest Fly (Machine)', 'Seated Machine Fly']
  },
  {
    id: '01a19467-e844-787d-a5da-f0e49fd0604e',
    name: 'Reverse Pec Deck',
    names: ['Reverse Fly (Machine)', 'Rear Delt Reverse Fly (Machine)', 'Rear Delt Machine Fly']
  },
  { id: '01a19467-e846-738c-a761-221fc9ca8fae', name: 'Hip Abductor Machine', names: ['Hip Abduction (Machine)'] },
  { id: '01a19467-e847-78ac-b5a6-82dee43095e6', name: 'Hip Adductor Machine', names: ['Hip Adduction (Machine)'] },
  {
    id: '01a19467-e84b-7cfd-a367-e89b8af855e0',
    name: 'Smith Machine Bench Press',
    names: ['Smith Machine Flat Bench']
  },
  // the same user's incline counterpart of `Smith Machine Flat Bench`, logged under Chest
  {
    id: '01a23ead-f3a3-70f9-8366-0627242fa211',
    name: 'Smith Machine Incline Bench Press',
    names: ['Smith Machine Incline']
  },
  // the calf raise is the same on a seated (horizontal) leg press as on the sled
  {
    id: '01a23ead-f3a3-70f9-8366-0623e08b28c9',
    name: 'Leg Press Calf Raise',
    names: ['Calf Press on Seated Leg Press']
  },
  // Body weight
  // Hevy's Chest Dip is on parallel bars (its Triceps Dip may be a bench dip: left out)
  {
    id: '01a19467-e868-70cb-838c-04d4b1ca55bc',
    name: 'Parallel Bar Dip',
    names: ['Chest Dip', 'Parallel Bar Triceps Dip']
  },
  {
    id: '01a19467-e852-78d3-98a9-fc768189b502',
    name: 'Back Extension',
    names: ['Back Extension (Weighted Hyperextension)', 'Back Extension (Hyperextension)', 'Hyperextension']
  },
  { id: '01a19467-e857-7de7-a810-aa29c4905ded', name: 'Ab Wheel Rollout', names: ['Ab Wheel', 'Kneeling Ab Rollout'] },
  // Cardio
  {
    id: '01a19467-e8a1-71f8-bc84-977603fafa16',
    name: 'Elliptical Trainer',
    names: ['Elliptical Machine', 'Elliptical']
  },
  // Run is a library alias; a treadmill run says so
  { id: '01a19467-e897-7b2e-9d68-39d22234af49', name: 'Outdoor Running', names: ['Running'] },
  {
    id: '01a19467-e89c-727f-8322-527e56afe664',
    name: 'Stationary Cycling',
    names: ['Stationary Bike', 'Cycling (Indoor)']
  },
  { id: '01a19467-e8a2-7ef5-ba99-e1bcba94283d', name: 'Stair Climber', names: ['Stairmaster'] }
]
